"""Writers turn rendered cards (and the timeline) into files: carousel images, PDF, video, subtitles."""
