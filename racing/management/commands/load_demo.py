from django.core.management.base import BaseCommand

from racing.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo race weekend (the seed press release). Safe to run again."

    def handle(self, *args, **options):
        loaded = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {loaded['event']}."))
