// Awaiting plain values in a loop.
async function run() { let s = 0; for (let i = 0; i < 300000; i++) { s += await i; } return s; }
run().then(v => console.log(v));
