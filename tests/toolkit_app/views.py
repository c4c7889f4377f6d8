from django.http import HttpResponse

from sustainai.core.permissions import permission_required


@permission_required("workstreams.view_spaces")
def home(request):
    return HttpResponse("Test toolkit home")
