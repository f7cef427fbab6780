"""The attack catalogue: hostile projects and inputs, one module per class of attack."""
