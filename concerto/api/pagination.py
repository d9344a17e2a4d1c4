from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    """Stable pages over growing lists: a new row never shifts the next page."""

    ordering = "-pk"
    page_size = 50
    page_size_query_param = "taille"
    max_page_size = 200
