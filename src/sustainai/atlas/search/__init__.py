"""The Atlas's two indexes of initiatives, kept beside their rows.

- ``fulltext``: the full-text search documents, and the queries that rank the directory's matches.
- ``facets``: the facet documents that answer the directory's filters, and their version.
- ``signals``: what keeps both current when single rows are saved.
"""
