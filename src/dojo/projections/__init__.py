"""Read models kept in step with the log, and the replay and verify that rebuild them."""
