// String building: concatenation in a loop and joins.
function run() {
  let s = '';
  for (let i = 0; i < 200000; i++) { s += 'x' + (i % 10); }
  const parts = [];
  for (let i = 0; i < 50000; i++) parts.push('item' + i);
  return s.length + parts.join(',').length;
}
console.log(run());
