def set_published(modeladmin, request, queryset, *, published, message):
    """Set the published flag of the selected rows and say how many changed.

    `message` is an `ngettext_lazy(..., "count")`, so each action keeps its own
    translatable singular and plural.
    """
    updated = queryset.update(is_published=published)
    modeladmin.message_user(request, message % {"count": updated})
