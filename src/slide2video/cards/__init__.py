"""Cards: what each card shows (plan) and its pixels (render, layout, fonts, images, backgrounds, contrast)."""
