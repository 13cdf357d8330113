from workflow.models.moderation import (
    REJECTION_GROUNDS,
    BoardReviewTask,
    BoardReviewTaskState,
    ForcePublication,
)
from workflow.models.royalties import RoyaltyEntry, RoyaltyGenre, RoyaltyPeriod

__all__ = [
    "REJECTION_GROUNDS",
    "BoardReviewTask",
    "BoardReviewTaskState",
    "ForcePublication",
    "RoyaltyEntry",
    "RoyaltyGenre",
    "RoyaltyPeriod",
]
