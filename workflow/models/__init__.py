from workflow.models.moderation import (
    BoardReviewTask,
    BoardReviewTaskState,
    ForcePublication,
)
from workflow.models.royalties import RoyaltyEntry, RoyaltyGenre, RoyaltyPeriod

__all__ = [
    "BoardReviewTask",
    "BoardReviewTaskState",
    "ForcePublication",
    "RoyaltyEntry",
    "RoyaltyGenre",
    "RoyaltyPeriod",
]
