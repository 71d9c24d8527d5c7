// A worker that fails as it starts (intl-warm's error test).
throw new Error('this worker is broken on purpose');
