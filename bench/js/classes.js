// Class instances: construction, property reads/writes, method calls.
class Vec { constructor(x, y) { this.x = x; this.y = y; } add(o) { return new Vec(this.x + o.x, this.y + o.y); } len2() { return this.x * this.x + this.y * this.y; } }
function run() {
  let acc = new Vec(0, 0);
  let total = 0;
  for (let i = 0; i < 300000; i++) { const v = new Vec(i, -i); acc = acc.add(v); acc.x = acc.x % 1000; total += acc.len2() % 7; }
  return total;
}
console.log(run());
