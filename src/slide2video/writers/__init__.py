"""Writers turn cards (and a timeline) into output files: video, previews, carousels, PDFs."""
