"""Live chat between victims and counsellors: conversations, the queue, messages.

Callers use this one name (``from helpline import chat``): who may see a conversation
(access), messages and their marks (messages), the queue (queueing), the end of a
conversation with one counsellor (handover), and what each page shows (views).
"""

from helpline.chat.access import (
    ConversationPublic,
    conversation_public,
    for_staff,
    for_victim,
    require_chat_team,
)
from helpline.chat.errors import ChatError
from helpline.chat.handover import (
    OUTCOMES,
    colleagues,
    end_by_victim,
    rate,
    transfer,
    wrap_up,
    wrap_up_note,
)
from helpline.chat.messages import (
    ChatUpdate,
    MessagePublic,
    history,
    mark_delivered,
    message_public,
    post_staff_message,
    post_victim_message,
    staff_history,
    staff_update,
    victim_history,
    victim_update,
)
from helpline.chat.queueing import (
    DEFAULT_HANDLING_MINUTES,
    OPEN,
    TOPICS,
    HeldConversation,
    QueueHealth,
    QueuePlace,
    answer_left_message,
    current_conversation,
    held_conversations,
    leave_message_instead,
    left_messages,
    live_conversations,
    my_conversations,
    open_conversation,
    queue,
    queue_health,
    queue_place,
    take_next,
)

__all__ = [
    "DEFAULT_HANDLING_MINUTES", "OPEN", "OUTCOMES", "TOPICS", "ChatError", "ChatUpdate",
    "ConversationPublic", "HeldConversation", "MessagePublic", "QueueHealth", "QueuePlace",
    "answer_left_message", "colleagues", "conversation_public", "current_conversation",
    "end_by_victim", "for_staff", "for_victim", "held_conversations", "history",
    "leave_message_instead", "left_messages", "live_conversations", "mark_delivered",
    "message_public", "my_conversations", "open_conversation", "post_staff_message",
    "post_victim_message", "queue", "queue_health", "queue_place", "rate",
    "require_chat_team", "staff_history", "staff_update", "take_next", "transfer",
    "victim_history", "victim_update", "wrap_up", "wrap_up_note",
]
