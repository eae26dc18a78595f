"""Every table of the domain, imported here so alembic and the app see them all."""

from helpline.models.audit import AuditEntry
from helpline.models.chat import (
    CannedResponse,
    Conversation,
    ConversationStatus,
    Message,
    RiskRule,
    SenderKind,
)
from helpline.models.content import (
    NewsArticle,
    NewsFeed,
    NewsFeedItem,
    NewsImage,
    QuizResult,
    QuizVersion,
)
from helpline.models.identity import (
    AgeBand,
    RateLimit,
    Role,
    Specialty,
    StaffRole,
    StaffUser,
    UserSession,
    Victim,
)
from helpline.models.takedown import Platform, TakedownEvent, TakedownRequest, TakedownStatus
from helpline.models.vault import (
    CustodyEntry,
    VaultBlob,
    VaultIncident,
    VaultItem,
    VaultShare,
)

__all__ = [
    "AgeBand",
    "AuditEntry",
    "CannedResponse",
    "Conversation",
    "ConversationStatus",
    "CustodyEntry",
    "Message",
    "NewsArticle",
    "NewsFeed",
    "NewsFeedItem",
    "NewsImage",
    "Platform",
    "QuizResult",
    "QuizVersion",
    "RateLimit",
    "RiskRule",
    "Role",
    "SenderKind",
    "Specialty",
    "StaffRole",
    "StaffUser",
    "TakedownEvent",
    "TakedownRequest",
    "TakedownStatus",
    "UserSession",
    "VaultBlob",
    "VaultIncident",
    "VaultItem",
    "VaultShare",
    "Victim",
]
