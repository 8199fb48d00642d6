// Async recursion: each level awaits the level below.
async function depth(n) { return n === 0 ? 0 : 1 + await depth(n - 1); }
async function main() { let s = 0; for (let k = 0; k < 40; k++) s += await depth(2000); return s; }
main().then((v) => console.log(v));
