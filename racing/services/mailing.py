"""Sending each newsroom mail at most once, whatever happens to the worker.

Every mail has a row (`Delivery`, `EmbargoGrant`) made before anything is
sent; a unique constraint makes a second row for the same story and person
impossible. A worker *claims* a row by moving it from queued to sending in one
conditional UPDATE (a compare-and-set: two workers can never both win it, on
PostgreSQL or SQLite, with no lock held while mail goes out), sends, then marks
it sent.

The trade-off is at-most-once. A worker killed between the claim and the mark
leaves the row "sending": it is never sent again, because the mail may already
have reached the SMTP server. A duplicate press release in a journalist's inbox
costs the team more than the rare lost one, and the admin shows those rows
("Sending (outcome unknown if it stays so)") so the press officer can forward
the release by hand. A send that fails with an error (the SMTP server refused
it) is marked failed with the reason, and is not retried automatically either.
"""

import email.policy
import logging

from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.utils import timezone

from racing.models import MailStatus

logger = logging.getLogger(__name__)


class NewsroomMessage(EmailMultiAlternatives):
    """A mail whose header lines may run to RFC 5322's 998 characters.

    Python folds a header at 78 and, to do so, rewrites a long URL as
    RFC 2047 encoded words; mail clients then cannot read List-Unsubscribe.
    """

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def claim(row: models.Model) -> bool:
    """Whether this worker won the right to send the row's mail."""
    won = (
        type(row)
        .objects.filter(pk=row.pk, status=MailStatus.QUEUED)
        .update(status=MailStatus.SENDING, claimed_at=timezone.now())
    )
    return won == 1


def send_claimed(row: models.Model, message, *, mailer) -> bool:
    """Send a claimed row's message through an open mailer (one connection
    for a whole run: `with mailers.default as mailer`) and record how it went."""
    try:
        mailer.send_messages([message])
    except Exception as error:
        logger.exception("Could not send %s %s", type(row).__name__, row.pk)
        type(row).objects.filter(pk=row.pk).update(
            status=MailStatus.FAILED, error=f"{type(error).__name__}: {error}"[:300]
        )
        return False
    type(row).objects.filter(pk=row.pk).update(
        status=MailStatus.SENT, sent_at=timezone.now()
    )
    return True
