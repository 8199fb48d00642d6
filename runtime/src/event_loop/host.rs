//! The host's timer state: the clock (real or virtual), pending timers
//! ordered by due time then creation, and the `setImmediate` queue.
//!
//! The Rust side ([`HostState`], kept in the VM's `jobs.host` slot) holds
//! only ids and times. The JavaScript values of a pending timer (its
//! callback and arguments) live in an object registered as the realm
//! intrinsic `%TimerList%`: element `id` is a prototype-less array
//! `[callback, ...args]`. The realm's named intrinsics are roots, so the
//! collector keeps a pending timer's values alive; clearing or finishing a
//! timer removes its element.

use spindle_vm::object::{Attributes, ObjectKind, Property};
use spindle_vm::value::{Obj, PropertyKey, Value};
use spindle_vm::Vm;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// The realm intrinsic holding pending timers' callbacks and arguments.
const TIMER_LIST: &str = "%TimerList%";

/// Time in microseconds since the event loop's clock started.
pub(crate) type Micros = u64;

/// The loop's clock: real (monotonic, sleeping for real) or virtual
/// (advanced only by the event loop, to each timer's due time).
#[derive(Debug)]
pub(crate) struct Clock {
    virtual_time: bool,
    start: Instant,
    /// Milliseconds since the Unix epoch when the clock started.
    epoch_ms: f64,
    /// The virtual time elapsed.
    virtual_now: Micros,
}

impl Default for Clock {
    fn default() -> Self {
        let epoch_ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_millis() as f64);
        Clock { virtual_time: false, start: Instant::now(), epoch_ms, virtual_now: 0 }
    }
}

impl Clock {
    /// Microseconds since the clock started.
    pub(crate) fn now(&self) -> Micros {
        if self.virtual_time {
            self.virtual_now
        } else {
            self.start.elapsed().as_micros() as Micros
        }
    }

    /// Milliseconds since the Unix epoch, whole (what `Date.now()` returns).
    pub(crate) fn date_now(&self) -> f64 {
        if self.virtual_time {
            (self.epoch_ms + (self.virtual_now / 1000) as f64).floor()
        } else {
            SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_millis() as f64)
        }
    }
}

/// One pending timer.
#[derive(Debug, Clone, Copy)]
struct Timer {
    /// Its place in `HostState::queue`.
    key: (Micros, u64),
    /// The interval of `setInterval`, in microseconds.
    repeat: Option<Micros>,
}

/// A timer taken from the queue to run now.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DueTimer {
    /// Its id.
    pub(crate) id: u32,
    /// The interval, for `setInterval`.
    pub(crate) repeat: Option<Micros>,
}

/// Timers, immediates and the clock of one VM.
#[derive(Debug, Default)]
pub(crate) struct HostState {
    /// The clock.
    pub(crate) clock: Clock,
    /// Pending timers by (due time, creation order).
    queue: BTreeMap<(Micros, u64), u32>,
    /// Pending timers by id.
    timers: HashMap<u32, Timer>,
    /// Pending `setImmediate` ids, oldest first.
    immediates: VecDeque<u32>,
    next_id: u32,
    next_seq: u64,
    /// The realm's module records (shared, so module code may run while
    /// the loader holds a handle).
    pub(crate) modules: std::rc::Rc<std::cell::RefCell<crate::modules::Registry>>,
}

impl HostState {
    /// A fresh id (ids start at 1, shared by timers and immediates).
    fn fresh_id(&mut self) -> u32 {
        self.next_id = self.next_id.wrapping_add(1).max(1);
        self.next_id
    }

    /// Schedules timer `id` at `due`.
    fn insert(&mut self, id: u32, due: Micros, repeat: Option<Micros>) {
        self.next_seq += 1;
        let key = (due, self.next_seq);
        self.queue.insert(key, id);
        self.timers.insert(id, Timer { key, repeat });
    }

    /// Removes timer or immediate `id`; true if it was pending.
    fn remove(&mut self, id: u32) -> bool {
        if let Some(t) = self.timers.remove(&id) {
            self.queue.remove(&t.key);
            return true;
        }
        let before = self.immediates.len();
        self.immediates.retain(|&i| i != id);
        before != self.immediates.len()
    }

    /// Takes the earliest timer if it is due at `now`.
    pub(crate) fn pop_due(&mut self, now: Micros) -> Option<DueTimer> {
        let (&key, &id) = self.queue.first_key_value()?;
        if key.0 > now {
            return None;
        }
        self.queue.remove(&key);
        let repeat = self.timers.remove(&id).and_then(|t| t.repeat);
        Some(DueTimer { id, repeat })
    }

    /// When the earliest pending timer is due.
    pub(crate) fn next_due(&self) -> Option<Micros> {
        self.queue.first_key_value().map(|(k, _)| k.0)
    }

    /// Takes the immediates queued so far (those queued while they run
    /// wait for the next turn, as in Node).
    pub(crate) fn take_immediates(&mut self) -> Vec<u32> {
        self.immediates.drain(..).collect()
    }

    /// Whether immediates are waiting.
    pub(crate) fn has_immediates(&self) -> bool {
        !self.immediates.is_empty()
    }

    /// Nothing left to run.
    pub(crate) fn is_idle(&self) -> bool {
        self.queue.is_empty() && self.immediates.is_empty()
    }

    /// Switches the clock to virtual time.
    pub(crate) fn use_virtual_time(&mut self) {
        self.clock.virtual_time = true;
    }

    /// Whether the clock is virtual.
    pub(crate) fn is_virtual(&self) -> bool {
        self.clock.virtual_time
    }

    /// Moves the virtual clock forward to `t`.
    pub(crate) fn advance_to(&mut self, t: Micros) {
        self.clock.virtual_now = self.clock.virtual_now.max(t);
    }
}

/// Runs `f` on the VM's host state (made on first use).
pub(crate) fn with_state<R>(vm: &mut Vm, f: impl FnOnce(&mut HostState) -> R) -> R {
    let mut state: Box<HostState> = vm.jobs.host.take().and_then(|b| b.downcast::<HostState>().ok()).unwrap_or_default();
    let r = f(&mut state);
    vm.jobs.host = Some(state);
    r
}

/// `%TimerList%`, made on first use.
fn timer_list(vm: &mut Vm) -> Obj {
    if let Some(o) = vm.realm.intrinsic(TIMER_LIST) {
        return o;
    }
    let o = vm.heap.alloc_object(None, ObjectKind::Ordinary);
    vm.realm.named.insert(TIMER_LIST, o);
    o
}

/// Stores the callback and arguments of `id` where the collector sees them.
fn store_values(vm: &mut Vm, id: u32, callback: Value, args: &[Value]) {
    let list = timer_list(vm);
    let values = vm.heap.alloc_object(None, ObjectKind::Array);
    vm.heap.array_push_raw(values, callback);
    for &a in args {
        vm.heap.array_push_raw(values, a);
    }
    vm.heap.define_raw(list, PropertyKey::Index(id), Value::Object(values), Attributes::ALL);
}

/// The callback and arguments of `id`, if it is pending.
pub(crate) fn values_of(vm: &mut Vm, id: u32) -> Option<(Value, Vec<Value>)> {
    let list = timer_list(vm);
    let Some(Property::Data { value: Value::Object(values), .. }) = vm.heap.get_own_raw(list, PropertyKey::Index(id)) else {
        return None;
    };
    let all: Vec<Value> = vm.heap.dense_elements(values)?.to_vec();
    let (callback, args) = all.split_first()?;
    Some((*callback, args.to_vec()))
}

/// Forgets the values of `id`.
pub(crate) fn drop_values(vm: &mut Vm, id: u32) {
    let list = timer_list(vm);
    vm.heap.remove_raw(list, PropertyKey::Index(id));
}

/// `setTimeout` / `setInterval`: schedules `callback(...args)` after
/// `delay_ms`, repeating if `repeat`; returns the id.
pub(crate) fn add_timer(vm: &mut Vm, callback: Value, args: &[Value], delay_ms: f64, repeat: bool) -> u32 {
    let delay = (delay_ms * 1000.0) as Micros;
    let id = with_state(vm, |s| {
        let id = s.fresh_id();
        let due = s.clock.now().saturating_add(delay);
        s.insert(id, due, repeat.then_some(delay));
        id
    });
    store_values(vm, id, callback, args);
    id
}

/// Puts interval `t` back in the queue, `t.repeat` after `from`, unless it
/// was cleared while it ran.
pub(crate) fn reschedule(vm: &mut Vm, t: DueTimer, from: Micros) {
    let Some(repeat) = t.repeat else { return };
    let list = timer_list(vm);
    if vm.heap.get_own_raw(list, PropertyKey::Index(t.id)).is_none() {
        return;
    }
    with_state(vm, |s| s.insert(t.id, from.saturating_add(repeat), Some(repeat)));
}

/// `setImmediate`: queues `callback(...args)` for the loop's check phase.
pub(crate) fn add_immediate(vm: &mut Vm, callback: Value, args: &[Value]) -> u32 {
    let id = with_state(vm, |s| {
        let id = s.fresh_id();
        s.immediates.push_back(id);
        id
    });
    store_values(vm, id, callback, args);
    id
}

/// `clearTimeout` / `clearInterval` / `clearImmediate`.
pub(crate) fn clear(vm: &mut Vm, id: u32) {
    with_state(vm, |s| s.remove(id));
    drop_values(vm, id);
}

/// `Date.now()`: the wall clock, or the virtual one under `--virtual-time`.
pub(crate) fn date_now(vm: &mut Vm) -> f64 {
    with_state(vm, |s| s.clock.date_now())
}
