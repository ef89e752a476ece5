"""Mail the alerts of reports that went public and were not mailed yet.

    manage.py send_release_alerts

Publishing queues the alerts itself, and a scheduled report's alerts are
queued for its time on the database worker; run this every minute from cron
as the safety net for a worker that was lost, and on a backend that cannot
defer tasks. Each mail still goes at most once (racing/services/mailing.py).
"""

from django.core.management.base import BaseCommand

from racing.services import alerts
from racing.tasks import send_release_alerts


class Command(BaseCommand):
    help = "Queue the release alerts of reports that went public."

    def handle(self, *args, **options):
        stories = alerts.due_stories()
        for story in stories:
            send_release_alerts.enqueue(story)
        self.stdout.write(f"{len(stories)} stories queued for alerts.")
