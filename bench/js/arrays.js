// Arrays: push, indexing, map, filter, reduce.
function run() {
  const a = [];
  for (let i = 0; i < 200000; i++) a.push(i);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  const b = a.map(x => x * 2).filter(x => x % 3 === 0);
  return s + b.reduce((p, x) => p + x, 0);
}
let r = 0;
for (let k = 0; k < 5; k++) r = run();
console.log(r);
