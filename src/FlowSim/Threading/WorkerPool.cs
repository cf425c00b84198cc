namespace FlowSim.Threading;

/// <summary>
/// FlowSim's own threads: the caller and T − 1 background workers claim the pieces of one job at a time. The products
/// of the linear-algebra seam and the integrators' vector sums on large states run on it. This class owns the thread
/// count (<see cref="ThreadCount"/>, FLOWSIM_THREADS) and the pool in use; the linear-algebra layer reads both from
/// here and depends on it, never the reverse.
/// </summary>
/// <remarks>
/// Pieces are claimed one by one with a compare-and-swap on a word holding the job's number, its piece count and the
/// next piece, so a worker the scheduler has not run yet simply finds nothing left: the caller never waits for a thread
/// that is not running, only for pieces a running worker has claimed. Between jobs a worker spins briefly (a solver's
/// next call usually comes within microseconds), then yields, then sleeps on a semaphore, so an idle FlowSim costs no
/// CPU. One job at a time: a caller that finds the pool busy (another thread's job) runs its pieces itself. A failure
/// in a piece is thrown in the caller once every piece has finished. Allocation-free per job.
/// </remarks>
internal sealed class WorkerPool
{
    private const int SpinIterations = 4000;
    private const int YieldIterations = 2000;

    private static readonly Dictionary<int, WorkerPool> s_pools = [];
    private static WorkerPool? s_current = ForThreads(ThreadCount.FromEnvironment());

    private readonly Worker[] _workers;
    private IPieceWork? _work;
    private long _claims;
    private long _jobs;
    private int _completed;
    private int _busy;
    private Exception? _failure;

    private WorkerPool(int threads)
    {
        Threads = threads;
        _workers = new Worker[threads - 1];
        for (int i = 0; i < _workers.Length; i++) _workers[i] = new Worker(this, i + 1);
    }

    /// <summary>The pool with <paramref name="threads"/> threads (the caller included), started once per process and
    /// shared; null for one thread.</summary>
    internal static WorkerPool? ForThreads(int threads)
    {
        if (threads <= 1) return null;
        lock (s_pools)
        {
            if (!s_pools.TryGetValue(threads, out var pool)) s_pools[threads] = pool = new WorkerPool(threads);
            return pool;
        }
    }

    /// <summary>The pool in use, or null when FlowSim runs on one thread.</summary>
    internal static WorkerPool? Current => s_current;

    /// <summary>Threads in use, the caller's included (1 when <see cref="Current"/> is null).</summary>
    internal static int CurrentThreads => s_current?.Threads ?? 1;

    /// <summary>Makes the pool of <paramref name="threads"/> threads the one in use (the public setter is
    /// <c>LinearAlgebra.Threads</c>, which also tells a native BLAS how many threads it may use).</summary>
    /// <exception cref="ArgumentOutOfRangeException">threads is below 1 or above <see cref="ThreadCount.Maximum"/>.</exception>
    internal static void UseThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, ThreadCount.Maximum);
        s_current = ForThreads(threads);
    }

    /// <summary>Threads, the caller's included.</summary>
    internal int Threads { get; }

    /// <summary>Vectors at least this long have their element-wise work (integrator stage sums and error sums, descent
    /// updates) split in slices across the threads. Measured on the asymmetric-MF flow (`flowsim bench flow`, dop853):
    /// split, d = 48 (4,608 entries) 8.5 against 10.3 ms and d = 64 17.4 against 20.2 ms; d = 32 (2,048) 4.2 against
    /// 4.0 ms and d = 16 1.4 against 1.05 ms, so not below 4,096.</summary>
    internal static int VectorLength { get; set; } = 4_096;

    /// <summary>The pool to split work on a vector of <paramref name="length"/> entries, or null to run it inline.</summary>
    internal static WorkerPool? ForVector(int length) => length >= VectorLength ? Current : null;

    /// <summary>Start of slice <paramref name="piece"/> of <paramref name="n"/> entries cut into
    /// <paramref name="pieces"/> slices, on a multiple of 8 entries (64 bytes); slice <paramref name="pieces"/> starts at n.</summary>
    internal static int SliceStart(int n, int piece, int pieces) => piece >= pieces ? n : (int)((long)n * piece / pieces) & ~7;

    /// <summary>Runs pieces 0 … count − 1 of <paramref name="work"/> across the threads and returns when all are done.</summary>
    /// <exception cref="InvalidOperationException">A piece threw (the inner exception); every other piece still ran.</exception>
    internal void Run(IPieceWork work, int count)
    {
        if (count <= 1 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            for (int i = 0; i < count; i++) work.RunPiece(i);
            return;
        }
        try
        {
            _work = work;
            _failure = null;
            _completed = 0;
            // A late worker can never claim a piece of a later job against this job's count: the job number is in the word.
            long job = (++_jobs & 0x7FFF_FFFF) << 32;
            Volatile.Write(ref _claims, job | ((long)count << 16));
            int wake = Math.Min(count, Threads) - 1;
            for (int w = 0; w < wake; w++) _workers[w].Wake();
            RunClaimed();
            for (int i = 0; Volatile.Read(ref _completed) != count; i++)
            {
                if (i < SpinIterations) Thread.SpinWait(4);
                else Thread.Yield();
            }
            if (_failure is { } failure) throw new InvalidOperationException("A piece of a job split across FlowSim's threads failed.", failure);
        }
        finally
        {
            _work = null;
            Volatile.Write(ref _busy, 0);
        }
    }

    private void RunClaimed()
    {
        while (true)
        {
            long state = Volatile.Read(ref _claims);
            int count = (int)((state >> 16) & 0xFFFF), next = (int)(state & 0xFFFF);
            if (next >= count) return;
            if (Interlocked.CompareExchange(ref _claims, state + 1, state) != state) continue;
            try
            {
                // Read after the claim: the job was published before _claims.
                _work!.RunPiece(next);
            }
            catch (Exception ex)
            {
                _failure = ex;
            }
            Interlocked.Increment(ref _completed);
        }
    }

    private sealed class Worker
    {
        private readonly WorkerPool _owner;
        private readonly SemaphoreSlim _wake = new(0);
        private int _sleeping;
        private long _ticket;

        public Worker(WorkerPool owner, int index)
        {
            _owner = owner;
            new Thread(Loop) { IsBackground = true, Name = $"FlowSim worker {index}" }.Start();
        }

        /// <summary>Tells this worker a job is there to claim pieces of.</summary>
        public void Wake()
        {
            Interlocked.Increment(ref _ticket);
            if (Interlocked.Exchange(ref _sleeping, 0) == 1) _wake.Release();
        }

        private void Loop()
        {
            long seen = 0;
            while (true)
            {
                seen = AwaitTicket(seen);
                _owner.RunClaimed();
            }
        }

        private long AwaitTicket(long seen)
        {
            for (int i = 0; i < SpinIterations; i++)
            {
                long t = Volatile.Read(ref _ticket);
                if (t != seen) return t;
                Thread.SpinWait(8);
            }
            for (int i = 0; i < YieldIterations; i++)
            {
                long t = Volatile.Read(ref _ticket);
                if (t != seen) return t;
                Thread.Yield();
            }
            while (true)
            {
                Volatile.Write(ref _sleeping, 1);
                long t = Volatile.Read(ref _ticket);
                if (t != seen)
                {
                    // Woken between the write and the read: if the caller already took the flag, its Release is owed.
                    if (Interlocked.Exchange(ref _sleeping, 0) == 0) _wake.Wait();
                    return t;
                }
                _wake.Wait();
                t = Volatile.Read(ref _ticket);
                if (t != seen) return t;
            }
        }
    }
}
