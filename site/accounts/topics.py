"""The e-mail topics a person can turn off, declared by the apps through the
``register_notification_topics`` hook (``cms.hooks``): lists of ``Topic``."""

from dataclasses import dataclass

from wagtail import hooks

TOPICS_HOOK = "register_notification_topics"


@dataclass(frozen=True)
class Topic:
    """Something a person can turn off; ``default``: on until they choose."""

    code: str
    label: str
    default: bool = True


def topics():
    """``{code: Topic}`` of every declared topic, in the hooks' order."""
    return {
        topic.code: topic for hook in hooks.get_hooks(TOPICS_HOOK) for topic in hook()
    }


def topic_label(code):
    topic = topics().get(code)
    return topic.label if topic is not None else ""
