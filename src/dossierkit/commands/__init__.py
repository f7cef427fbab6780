"""What the CLI's author-workflow commands do, apart from parsing options: progress, watch, preview, proof."""
