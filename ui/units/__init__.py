"""The unit list screen: the assigned units with progress, scores and verdicts."""
