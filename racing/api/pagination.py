"""Pages of a list: ?limit=&offset=, with the total and links to the pages
next to this one (absent on the first and the last page)."""

from typing import Any

from django.http import QueryDict
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from racing.templatetags.racing import absolute

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class LinkedPagination(PaginationBase):
    items_attribute = "results"

    class Input(Schema):
        limit: int = Field(
            DEFAULT_LIMIT,
            ge=1,
            le=MAX_LIMIT,
            description=f"How many items a page holds (at most {MAX_LIMIT}).",
        )
        offset: int = Field(0, ge=0, description="How many items to skip.")

    class Output(Schema):
        count: int = Field(description="How many items the whole list holds.")
        next: str | None = Field(description="The next page; null on the last.")
        previous: str | None = Field(
            description="The previous page; null on the first."
        )
        results: list[Any]

    def paginate_queryset(self, queryset, pagination, request, **params):
        limit, offset = pagination.limit, pagination.offset
        count = queryset.count()
        return {
            "count": count,
            "next": page_link(request, limit=limit, offset=offset + limit)
            if offset + limit < count
            else None,
            "previous": page_link(request, limit=limit, offset=max(offset - limit, 0))
            if offset > 0
            else None,
            "results": queryset[offset : offset + limit],
        }


def page_link(request, *, limit: int, offset: int) -> str:
    """This list's URL with another page, its other parameters kept."""
    query: QueryDict = request.GET.copy()
    query["limit"] = str(limit)
    if offset:
        query["offset"] = str(offset)
    else:
        query.pop("offset", None)
    return absolute(f"{request.path}?{query.urlencode()}")
