// for await over an async generator: per step one next() request, one
// await of the yielded value, one settled iterator result and one await
// in the consumer.
async function* count(n) {
  for (let i = 0; i < n; i++) yield i;
}
(async () => {
  let sum = 0;
  for await (const v of count(300000)) sum += v;
  console.log(sum);
})();
