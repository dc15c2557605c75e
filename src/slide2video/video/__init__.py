"""Video: the timeline (pure), frames from cards, audio mix and the MP4 probe."""
