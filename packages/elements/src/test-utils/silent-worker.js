// A worker that never answers (intl-warm's time-out test).
