"""The public read side of the Atlas: directory, detail, map, charts, exports."""

from sustainai.core.views import placeholder

directory = detail = map_view = charts = export = placeholder
