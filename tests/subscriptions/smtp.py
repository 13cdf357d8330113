"""A mail server that refuses, for the send log's retry: Django's locmem backend (the test
outbox) that answers the next `refusals` sends as a busy server does (450, a temporary
failure), with the exception smtplib raises, before it accepts again."""

import smtplib

from django.core.mail.backends import locmem


class RefusingBackend(locmem.EmailBackend):
    refusals = 0

    def send_messages(self, messages):
        if RefusingBackend.refusals:
            RefusingBackend.refusals -= 1
            raise smtplib.SMTPRecipientsRefused(
                {
                    message.to[0]: (450, b"4.2.1 Mailbox busy, try again later")
                    for message in messages
                }
            )
        return super().send_messages(messages)
