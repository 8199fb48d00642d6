// 100,000 concurrent async tasks, each awaiting twice, joined with Promise.all.
async function task(i) { await null; const v = await Promise.resolve(i); return v & 7; }
const tasks = [];
for (let i = 0; i < 100000; i++) tasks.push(task(i));
Promise.all(tasks).then((r) => console.log(r.length, r.reduce((a, b) => a + b, 0)));
