namespace Trader.Pipeline.Safety;

/// <summary>
/// The global kill switch (REQ-K1) as the pipeline sees it: once active, no new proposal is made and no order is
/// sent (NFR-S1) until an operator resumes. Thread-safe; <see cref="Activated"/> fires once per activation
/// (subscribers: the CRITICAL alert, cancel-all of working orders, the persisted halt).
/// </summary>
public sealed class KillSwitch
{
    private readonly object _gate = new();
    private KillActivation? _active;

    public bool IsActive
    {
        get { lock (_gate) return _active is not null; }
    }

    public KillActivation? Active
    {
        get { lock (_gate) return _active; }
    }

    public event Action<KillActivation>? Activated;

    public event Action<KillActivation>? Released;

    /// <summary>Activates the switch; returns false (and raises nothing) when it was already active.</summary>
    public bool Activate(KillActivation activation)
    {
        lock (_gate)
        {
            if (_active is not null) return false;
            _active = activation;
        }
        Activated?.Invoke(activation);
        return true;
    }

    /// <summary>Releases the switch (only an operator's resume does this).</summary>
    public bool Release()
    {
        KillActivation? was;
        lock (_gate)
        {
            was = _active;
            _active = null;
        }
        if (was is null) return false;
        Released?.Invoke(was);
        return true;
    }
}
