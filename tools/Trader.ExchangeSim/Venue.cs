using System.Security.Cryptography;
using System.Text;
using Trader.ExchangeSim.Faults;
using Trader.ExchangeSim.Market;
using Trader.ExchangeSim.Trading;
using Trader.ExchangeSim.WebSockets;

namespace Trader.ExchangeSim;

/// <summary>
/// The exchange's state: products and their markets, balances, orders and fills. One lock (<see cref="Gate"/>)
/// guards all of it; frames are handed to the hub while the lock is held, so every connection sees a snapshot
/// and then exactly the updates after it, in order.
/// </summary>
internal sealed partial class Venue
{
    private readonly SimulatorOptions _options;
    private readonly WsHub _hub;
    private readonly Dictionary<string, ProductMarket> _markets = new(StringComparer.Ordinal);
    private readonly List<string> _productOrder = new();
    private readonly Dictionary<string, decimal> _balances = new(StringComparer.Ordinal);
    private readonly List<SimOrder> _orders = new();
    private readonly Dictionary<string, SimOrder> _ordersById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimOrder> _ordersByClientId = new(StringComparer.Ordinal);
    private readonly List<SimFill> _fills = new();
    private readonly Random _ids;
    private long _nextPublicTradeId = 900_000_000_000;
    private decimal _tradedVolume;
    private decimal _paidFees;

    public Venue(SimulatorOptions options, WsHub hub, FaultInjector faults)
    {
        _options = options;
        _hub = hub;
        Faults = faults;
        _ids = new Random(options.Seed ^ 0x5eed);
        Start = options.Clock.GetUtcNow();
        foreach (var product in options.Products) AddProduct(product);
        foreach (var (currency, amount) in options.Balances) _balances[currency] = amount;
    }

    public object Gate { get; } = new();
    public DateTimeOffset Start { get; }
    public FaultInjector Faults { get; }
    public TimeProvider Clock => _options.Clock;
    public SimulatorOptions Options => _options;
    public DateTimeOffset Now => _options.Clock.GetUtcNow();
    /// <summary>Capture lines or frames that could not be used (bad JSON, bad numbers).</summary>
    public long RejectedFrames { get; private set; }

    public IReadOnlyList<string> ProductIds
    {
        get { lock (Gate) return _productOrder.ToList(); }
    }

    /// <summary>The listed product ids; the caller holds <see cref="Gate"/>.</summary>
    internal List<string> ProductIdsUnlocked() => _productOrder.ToList();

    public SimProduct? FindProduct(string productId)
    {
        lock (Gate) return _markets.TryGetValue(productId, out var m) ? m.Product : null;
    }

    private ProductMarket AddProduct(SimProduct product)
    {
        var market = new ProductMarket(product);
        _markets[product.ProductId] = market;
        _productOrder.Add(product.ProductId);
        return market;
    }

    private ProductMarket? Market(string productId) => _markets.GetValueOrDefault(productId);

    private ProductMarket MarketOrAdd(string productId) =>
        _markets.TryGetValue(productId, out var m) ? m : AddProduct(SimProduct.ForId(productId));

    private string NewUuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _ids.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    private string NewEntryId()
    {
        Span<byte> bytes = stackalloc byte[32];
        _ids.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public string NewClientOrderId()
    {
        lock (Gate) return NewUuid();
    }

    private string NextPublicTradeId() => (_nextPublicTradeId++).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static string AccountUuid(string currency)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("account:" + currency));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    private decimal Balance(string currency) => _balances.GetValueOrDefault(currency);

    /// <summary>What open orders hold in <paramref name="currency"/>: buys their remaining notional plus maker fee,
    /// sells their remaining base.</summary>
    private decimal Hold(string currency)
    {
        decimal hold = 0;
        foreach (var order in _orders)
        {
            if (!order.IsOpen) continue;
            var product = _markets[order.ProductId].Product;
            hold += OrderHold(order, product, currency);
        }
        return hold;
    }

    private decimal OrderHold(SimOrder order, SimProduct product, string currency)
    {
        if (!order.IsOpen) return 0m;
        if (order.IsBuy && product.QuoteCurrency == currency)
            return order.LeavesBase * (order.Request.LimitPrice ?? 0m) * (1m + _options.MakerFeeRate);
        if (!order.IsBuy && product.BaseCurrency == currency)
            return order.LeavesBase;
        return 0m;
    }

    private decimal Available(string currency) => Balance(currency) - Hold(currency);

    private IEnumerable<string> Currencies()
    {
        var seen = new List<string>();
        foreach (var currency in _balances.Keys) if (!seen.Contains(currency)) seen.Add(currency);
        foreach (var id in _productOrder)
        {
            var p = _markets[id].Product;
            if (!seen.Contains(p.QuoteCurrency)) seen.Add(p.QuoteCurrency);
            if (!seen.Contains(p.BaseCurrency)) seen.Add(p.BaseCurrency);
        }
        return seen;
    }

    /// <summary>Sets or clears a product's trading flags (and publishes a <c>status</c> update).</summary>
    public bool SetProductFlags(string productId, Action<SimProduct> change)
    {
        lock (Gate)
        {
            if (Market(productId) is not { } market) return false;
            change(market.Product);
            PublishStatus([market.Product], "update");
            return true;
        }
    }

    /// <summary>Balance and hold of one currency, for tests and the embedding code.</summary>
    public (decimal Balance, decimal Hold) BalanceOf(string currency)
    {
        lock (Gate) return (Balance(currency), Hold(currency));
    }
}
