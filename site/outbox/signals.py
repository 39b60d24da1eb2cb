from django.dispatch import Signal

# Sent with ``email`` (an OutgoingEmail) once it is sent, in the transaction that
# records it: what waited for the e-mail (a digest's notices) is marked then.
email_sent = Signal()
