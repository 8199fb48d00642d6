//! Running many independent jobs on worker threads with a time limit per
//! job and panic isolation. Workers pull job indices from a shared counter
//! and have a large stack (parsers and interpreters recurse). The calling
//! thread supervises: when a job overruns its limit it is reported as a
//! timeout, its interrupt flag is raised, its worker is abandoned (its late
//! result is dropped) and a replacement worker takes over the queue.

use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::engine::Interrupt;
use crate::outcome::Outcome;
use crate::panics;

/// The stack size of a worker thread.
pub const WORKER_STACK: usize = 256 << 20;

/// How the pool runs.
#[derive(Debug, Clone, Copy)]
pub struct PoolConfig {
    /// Number of worker threads (at least one is used).
    pub jobs: usize,
    /// The time one job may take before it is reported as a timeout.
    pub timeout: Duration,
}

/// The work: job index and interrupt flag in, outcome out.
type Work = dyn Fn(usize, &Interrupt) -> Outcome + Send + Sync;

/// What a worker is doing, as the supervisor sees it.
enum SlotState {
    Idle,
    Running {
        index: usize,
        started: Instant,
        interrupt: Interrupt,
    },
    Abandoned,
}

/// One worker's state, shared with the supervisor.
struct Slot {
    state: Mutex<SlotState>,
}

impl Slot {
    fn lock(&self) -> std::sync::MutexGuard<'_, SlotState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// What workers share: the queue, the work and the way back.
struct Shared {
    next: AtomicUsize,
    count: usize,
    work: Arc<Work>,
    results: Sender<(usize, Outcome)>,
}

/// A running worker.
struct Worker {
    slot: Arc<Slot>,
    handle: JoinHandle<()>,
}

/// Runs jobs `0..count` with `work`, calling `on_done` as each outcome is
/// known, and returns the outcomes in job order. Fails only if no worker
/// thread can be started.
pub fn run<F>(
    count: usize,
    config: PoolConfig,
    work: F,
    mut on_done: impl FnMut(usize, &Outcome),
) -> std::io::Result<Vec<Outcome>>
where
    F: Fn(usize, &Interrupt) -> Outcome + Send + Sync + 'static,
{
    panics::install_hook();
    let (tx, rx) = mpsc::channel();
    let shared = Arc::new(Shared {
        next: AtomicUsize::new(0),
        count,
        work: Arc::new(work),
        results: tx,
    });
    let mut workers = Vec::new();
    for _ in 0..config.jobs.clamp(1, count.max(1)) {
        workers.push(spawn_worker(&shared)?);
    }
    let mut results: Vec<Option<Outcome>> = vec![None; count];
    let mut supervisor = Supervisor {
        rx,
        results: &mut results,
        done: 0,
        on_done: &mut on_done,
    };
    supervisor.supervise(&shared, &mut workers, config.timeout);
    Ok(results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Outcome::Fail("no worker was left to run it".into())))
        .collect())
}

/// Starts a worker thread that runs jobs until the queue is empty.
fn spawn_worker(shared: &Arc<Shared>) -> std::io::Result<Worker> {
    let slot = Arc::new(Slot {
        state: Mutex::new(SlotState::Idle),
    });
    let (thread_slot, thread_shared) = (Arc::clone(&slot), Arc::clone(shared));
    let handle = thread::Builder::new()
        .name("test262-worker".into())
        .stack_size(WORKER_STACK)
        .spawn(move || work_loop(&thread_shared, &thread_slot))?;
    Ok(Worker { slot, handle })
}

/// A worker's life: take a job, run it under `catch_unwind`, hand back the
/// outcome unless the supervisor gave up on this worker meanwhile.
fn work_loop(shared: &Shared, slot: &Slot) {
    panics::quiet_this_thread();
    loop {
        let index = shared.next.fetch_add(1, Ordering::SeqCst);
        if index >= shared.count {
            return;
        }
        let interrupt = Arc::new(AtomicBool::new(false));
        *slot.lock() = SlotState::Running {
            index,
            started: Instant::now(),
            interrupt: Arc::clone(&interrupt),
        };
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| (shared.work)(index, &interrupt)))
            .unwrap_or_else(|payload| Outcome::Fail(panics::message(payload.as_ref())));
        {
            let mut state = slot.lock();
            if matches!(*state, SlotState::Abandoned) {
                return;
            }
            *state = SlotState::Idle;
        }
        if shared.results.send((index, outcome)).is_err() {
            return;
        }
    }
}

/// The calling thread's side: collecting outcomes and enforcing time limits.
struct Supervisor<'a, D: FnMut(usize, &Outcome)> {
    rx: Receiver<(usize, Outcome)>,
    results: &'a mut [Option<Outcome>],
    done: usize,
    on_done: &'a mut D,
}

impl<D: FnMut(usize, &Outcome)> Supervisor<'_, D> {
    /// Runs until every job has an outcome or no worker is left.
    fn supervise(&mut self, shared: &Arc<Shared>, workers: &mut Vec<Worker>, timeout: Duration) {
        let tick = (timeout / 4).clamp(Duration::from_millis(10), Duration::from_millis(250));
        while self.done < self.results.len() {
            match self.rx.recv_timeout(tick) {
                Ok((index, outcome)) => self.record(index, outcome),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            self.enforce_timeouts(shared, workers, timeout);
            if workers.iter().all(|w| w.handle.is_finished()) {
                self.drain();
                return;
            }
        }
    }

    /// Stores an outcome the first time one arrives for `index`.
    fn record(&mut self, index: usize, outcome: Outcome) {
        if let Some(slot @ None) = self.results.get_mut(index) {
            (self.on_done)(index, &outcome);
            *slot = Some(outcome);
            self.done += 1;
        }
    }

    /// Takes the outcomes already sent by workers that have exited.
    fn drain(&mut self) {
        while let Ok((index, outcome)) = self.rx.try_recv() {
            self.record(index, outcome);
        }
    }

    /// Reports every job past its limit as a timeout and replaces its worker.
    fn enforce_timeouts(
        &mut self,
        shared: &Arc<Shared>,
        workers: &mut Vec<Worker>,
        timeout: Duration,
    ) {
        let mut i = 0;
        while i < workers.len() {
            if let Some(index) = abandon_if_overdue(&workers[i].slot, timeout) {
                let seconds = timeout.as_secs_f64();
                self.record(index, Outcome::Fail(format!("timed out after {seconds} s")));
                match spawn_worker(shared) {
                    Ok(worker) => workers[i] = worker,
                    Err(_) => {
                        workers.swap_remove(i);
                        continue;
                    }
                }
            }
            i += 1;
        }
    }
}

/// If the slot's job has run longer than `timeout`, marks the worker
/// abandoned, raises the job's interrupt flag and returns the job's index.
fn abandon_if_overdue(slot: &Slot, timeout: Duration) -> Option<usize> {
    let mut state = slot.lock();
    let SlotState::Running {
        index,
        started,
        interrupt,
    } = &*state
    else {
        return None;
    };
    if started.elapsed() < timeout {
        return None;
    }
    interrupt.store(true, Ordering::SeqCst);
    let index = *index;
    *state = SlotState::Abandoned;
    Some(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(jobs: usize, millis: u64) -> PoolConfig {
        PoolConfig {
            jobs,
            timeout: Duration::from_millis(millis),
        }
    }

    #[test]
    fn runs_all_in_order() {
        let mut seen = 0;
        let out = run(
            50,
            config(3, 5_000),
            |i, _| Outcome::Fail(i.to_string()),
            |_, _| seen += 1,
        )
        .unwrap();
        assert_eq!(seen, 50);
        assert!(out
            .iter()
            .enumerate()
            .all(|(i, o)| o.message() == i.to_string()));
    }

    #[test]
    fn panics_are_failures() {
        let out = run(
            3,
            config(2, 5_000),
            |i, _| {
                if i == 1 {
                    panic!("bad {i}")
                } else {
                    Outcome::Pass
                }
            },
            |_, _| {},
        )
        .unwrap();
        assert_eq!(out[0], Outcome::Pass);
        assert!(out[1].message().contains("bad 1"), "{:?}", out[1]);
        assert_eq!(out[2], Outcome::Pass);
    }

    #[test]
    fn overrunning_jobs_time_out_and_are_interrupted() {
        let work = |i: usize, interrupt: &Interrupt| {
            if i & 1 == 0 {
                while !interrupt.load(Ordering::SeqCst) {
                    thread::sleep(Duration::from_millis(1));
                }
            }
            Outcome::Pass
        };
        let out = run(6, config(2, 100), work, |_, _| {}).unwrap();
        for (i, o) in out.iter().enumerate() {
            if i & 1 == 0 {
                assert!(o.message().contains("timed out"), "{i}: {o:?}");
            } else {
                assert_eq!(*o, Outcome::Pass);
            }
        }
    }

    #[test]
    fn no_jobs() {
        assert!(run(0, config(4, 100), |_, _| Outcome::Pass, |_, _| {})
            .unwrap()
            .is_empty());
    }
}
