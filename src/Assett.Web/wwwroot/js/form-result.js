// This page answers a form post (its errors, shown in place): the history entry becomes a plain
// visit, so the back button and a reload never ask to send the form again (docs/reliability.md).
history.replaceState(history.state, "", location.href);
