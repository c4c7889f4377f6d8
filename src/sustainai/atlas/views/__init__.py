"""Atlas views: ``browse`` (the public read side) and ``contribute`` (submission and moderation)."""
