"""Files follow their rows: a deleted photo's files go once the deletion commits.

A signal, not an admin hook, because photos are also deleted with their
gallery or event (the database cascade), which no admin method sees.
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from racing.models import Photo
from racing.services.images import delete_files


@receiver(post_delete, sender=Photo, dispatch_uid="racing-photo-files")
def delete_photo_files(sender, instance, using, **kwargs):
    storage, folder = instance.original.storage, instance.folder
    # Only once the deletion is committed: a rolled-back delete keeps its files.
    transaction.on_commit(lambda: delete_files(storage, folder), using=using)
