// 300,000 async functions suspended at once (compare peak memory): each
// awaits a promise that is resolved only after all have started.
let release;
const gate = new Promise((r) => { release = r; });
async function task(i) { const x = i + 1; await gate; return x; }
const tasks = [];
for (let i = 0; i < 300000; i++) tasks.push(task(i));
release();
Promise.all(tasks).then((r) => console.log(r.length));
