"""The claims catalogue and its runner, figures, the HTML report and the CLI."""
