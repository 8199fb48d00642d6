// Several async functions awaiting resolved promises, interleaved turn by turn.
const resolved = Promise.resolve(1);
async function worker(n) { let s = 0; for (let i = 0; i < n; i++) s += await resolved; return s; }
Promise.all([worker(60000), worker(60000), worker(60000), worker(60000), worker(60000)])
  .then((r) => console.log(r.reduce((a, b) => a + b, 0)));
