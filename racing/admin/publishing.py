from racing.services import page_cache


def set_published(modeladmin, request, queryset, *, published, message):
    """Set the published flag of the selected rows and say how many changed.

    `message` is an `ngettext_lazy(..., "count")`, so each action keeps its own
    translatable singular and plural.
    """
    updated = queryset.update(is_published=published)
    page_cache.bump(*page_cache.tags_for_model(queryset.model))
    modeladmin.message_user(request, message % {"count": updated})


class KeepPublishedMixin:
    """Deleting is refused while an object is public: one click must not lose
    published work. The admin's delete page and the delete action list it as
    protected, with `public_reason(obj)` saying what to do first."""

    def public_reason(self, obj) -> str | None:
        raise NotImplementedError

    def get_deleted_objects(self, objs, request):
        to_delete, counts, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        public = [reason for obj in objs if (reason := self.public_reason(obj))]
        return to_delete, counts, perms_needed, [*protected, *public]
