using System.Globalization;
using Microsoft.Data.Sqlite;
using Trader.Domain.Market;
using Trader.Domain.Trading;
using Trader.State.Fills;

namespace Trader.Host.Execution;

/// <summary>
/// PAPER mode's venue: orders fill in-process against the current quote, with the policy's maker/taker fees, and the
/// paper wallet, orders and fills live in their own SQLite file (so a restart keeps the wallet and reconciles like LIVE).
/// Market IOC orders fill completely at the touch (ask for a buy, bid for a sell) as taker. A post-only limit that would
/// cross is refused; otherwise it rests and fills completely as maker at its limit price once the opposite touch
/// reaches it (checked whenever the order is looked up). A limit IOC fills completely at the touch as taker when the
/// touch is within its limit, else it is cancelled unfilled. Placement is idempotent per client order id.
/// </summary>
public sealed class PaperVenue : IOrderVenue, IDisposable
{
    public const string PostOnlyWouldCross = "INVALID_LIMIT_PRICE_POST_ONLY";
    public const string InsufficientFund = "INSUFFICIENT_FUND";
    public const string NoQuote = "NO_QUOTE";

    private readonly SqliteConnection _db;
    private readonly Func<string, Quote?> _quotes;
    private readonly decimal _makerFeeRate;
    private readonly decimal _takerFeeRate;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private SqliteTransaction? _tx;

    public PaperVenue(string databasePath, Func<string, Quote?> quotes, decimal makerFeeRate, decimal takerFeeRate, TimeProvider time,
        IReadOnlyDictionary<string, decimal>? startingBalances = null)
    {
        _quotes = quotes ?? throw new ArgumentNullException(nameof(quotes));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _makerFeeRate = makerFeeRate;
        _takerFeeRate = takerFeeRate;
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        _db.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS paper_balances (currency TEXT PRIMARY KEY, amount TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS paper_orders (order_id TEXT PRIMARY KEY, client_order_id TEXT NOT NULL UNIQUE, product_id TEXT NOT NULL,
                side TEXT NOT NULL, type TEXT NOT NULL, base_size TEXT NOT NULL, limit_price TEXT NOT NULL, status TEXT NOT NULL,
                filled_size TEXT NOT NULL, reason TEXT, created_ts TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS paper_fills (trade_id TEXT PRIMARY KEY, order_id TEXT NOT NULL, price TEXT NOT NULL, size TEXT NOT NULL,
                fee TEXT NOT NULL, liquidity TEXT NOT NULL, ts TEXT NOT NULL);
            """);
        if (startingBalances is not null && Scalar("SELECT COUNT(*) FROM paper_balances") == "0")
            foreach (var (currency, amount) in startingBalances) SetBalance(currency, amount);
    }

    public string Name => "paper";

    /// <summary>The paper wallet's balance of <paramref name="currency"/> (0 when never funded).</summary>
    public decimal Balance(string currency)
    {
        lock (_gate) return BalanceOf(currency);
    }

    public Task<VenuePreview> PreviewAsync(VenueOrderRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var problem = Check(request, out var price, out var fee);
            return Task.FromResult(problem is null ? new VenuePreview(true, null, request.BaseSize * price + fee, fee) : VenuePreview.Refused(problem));
        }
    }

    public Task<VenuePlacement> PlaceAsync(VenueOrderRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var existing = Scalar("SELECT order_id FROM paper_orders WHERE client_order_id = $c", ("$c", request.ClientOrderId));
            if (existing is not null) return Task.FromResult(new VenuePlacement(VenuePlacementKind.Placed, existing, null));
            var problem = Check(request, out var price, out _);
            if (problem is not null) return Task.FromResult(new VenuePlacement(VenuePlacementKind.Rejected, null, problem));

            var orderId = "paper-" + Guid.NewGuid().ToString("N");
            using var tx = _tx = _db.BeginTransaction();
            Execute("""
                INSERT INTO paper_orders (order_id, client_order_id, product_id, side, type, base_size, limit_price, status, filled_size, reason, created_ts)
                VALUES ($o, $c, $p, $s, $t, $b, $l, 'OPEN', '0', NULL, $ts)
                """, ("$o", orderId), ("$c", request.ClientOrderId), ("$p", request.ProductId), ("$s", request.Side == OrderSide.Buy ? "BUY" : "SELL"),
                ("$t", ExecutionSettings.OrderTypeText(request.Type)), ("$b", Text(request.BaseSize)), ("$l", Text(request.LimitPrice)),
                ("$ts", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
            if (request.Type == ExecutionOrderType.MarketIoc || (request.Type == ExecutionOrderType.LimitIoc && price > 0m))
                Fill(orderId, request.ProductId, request.Side, request.BaseSize, price, Liquidity.Taker);
            else if (request.Type == ExecutionOrderType.LimitIoc)
                Execute("UPDATE paper_orders SET status = 'CANCELLED', reason = 'IOC order unfilled: the touch is beyond its limit' WHERE order_id = $o", ("$o", orderId));
            tx.Commit();
            _tx = null;
            return Task.FromResult(new VenuePlacement(VenuePlacementKind.Placed, orderId, null));
        }
    }

    public Task<VenueLookup> FindAsync(string productId, string clientOrderId, string? venueOrderId, DateTimeOffset sentAfter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var orderId = venueOrderId ?? Scalar("SELECT order_id FROM paper_orders WHERE client_order_id = $c", ("$c", clientOrderId));
            if (orderId is null) return Task.FromResult(VenueLookup.NotFound);
            FillIfCrossed(orderId);
            var state = Read(orderId);
            return Task.FromResult(state is null ? VenueLookup.NotFound : VenueLookup.Found(state));
        }
    }

    public Task<VenueFills> FillsAsync(string venueOrderId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            using var command = Command("SELECT trade_id, price, size, fee, liquidity, ts FROM paper_fills WHERE order_id = $o ORDER BY ts, trade_id", ("$o", venueOrderId));
            using var reader = command.ExecuteReader();
            var fills = new List<VenueFill>();
            while (reader.Read())
                fills.Add(new VenueFill(reader.GetString(0), Money(reader.GetString(1)), Money(reader.GetString(2)), Money(reader.GetString(3)),
                    reader.GetString(4) == "maker" ? Liquidity.Maker : Liquidity.Taker,
                    DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
            return Task.FromResult(new VenueFills(fills, null));
        }
    }

    public Task<IReadOnlyList<VenueCancel>> CancelAsync(IReadOnlyList<string> venueOrderIds, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var answers = new List<VenueCancel>(venueOrderIds.Count);
            foreach (var id in venueOrderIds)
            {
                var changed = Execute("UPDATE paper_orders SET status = 'CANCELLED', reason = 'cancelled by request' WHERE order_id = $o AND status = 'OPEN'", ("$o", id));
                answers.Add(new VenueCancel(id, changed == 1, changed == 1 ? null : "UNKNOWN_CANCEL_ORDER or already done"));
            }
            return Task.FromResult<IReadOnlyList<VenueCancel>>(answers);
        }
    }

    public void Dispose() => _db.Dispose();

    /// <summary>Null when the order can be placed now; else the venue-style reason. Price and fee are what it would pay.</summary>
    private string? Check(VenueOrderRequest request, out decimal price, out decimal fee)
    {
        price = 0m;
        fee = 0m;
        if (request.BaseSize <= 0m || (request.Type != ExecutionOrderType.MarketIoc && request.LimitPrice <= 0m)) return "INVALID_SIZE";
        if (_quotes(request.ProductId) is not { } quote || quote.Bid <= 0m || quote.Ask <= 0m) return NoQuote;
        var buy = request.Side == OrderSide.Buy;
        if (request.Type == ExecutionOrderType.LimitPostOnly)
        {
            if (buy ? request.LimitPrice >= quote.Ask : request.LimitPrice <= quote.Bid) return PostOnlyWouldCross;
            price = request.LimitPrice;
            fee = request.BaseSize * price * _makerFeeRate;
        }
        else
        {
            price = buy ? quote.Ask : quote.Bid;
            // A limit IOC whose limit the touch is beyond takes nothing (price 0: placed, then cancelled unfilled).
            if (request.Type == ExecutionOrderType.LimitIoc && (buy ? price > request.LimitPrice : price < request.LimitPrice))
            {
                price = 0m;
                return null;
            }
            fee = request.BaseSize * price * _takerFeeRate;
        }
        var (baseCurrency, quoteCurrency) = Currencies(request.ProductId);
        var enough = buy ? BalanceOf(quoteCurrency) - QuoteHeld(request.ProductId) >= request.BaseSize * price + fee
                         : BalanceOf(baseCurrency) - BaseHeld(request.ProductId) >= request.BaseSize;
        return enough ? null : InsufficientFund;
    }

    private void FillIfCrossed(string orderId)
    {
        using var command = Command("SELECT product_id, side, base_size, limit_price FROM paper_orders WHERE order_id = $o AND status = 'OPEN' AND type = 'limit_post_only'", ("$o", orderId));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return;
        var (productId, buy, size, limit) = (reader.GetString(0), reader.GetString(1) == "BUY", Money(reader.GetString(2)), Money(reader.GetString(3)));
        reader.Close();
        if (_quotes(productId) is not { } quote) return;
        if (buy ? quote.Ask > limit : quote.Bid < limit) return;
        using var tx = _tx = _db.BeginTransaction();
        Fill(orderId, productId, buy ? OrderSide.Buy : OrderSide.Sell, size, limit, Liquidity.Maker);
        tx.Commit();
        _tx = null;
    }

    private void Fill(string orderId, string productId, OrderSide side, decimal size, decimal price, Liquidity liquidity)
    {
        var fee = size * price * (liquidity == Liquidity.Maker ? _makerFeeRate : _takerFeeRate);
        var (baseCurrency, quoteCurrency) = Currencies(productId);
        var sign = side == OrderSide.Buy ? 1m : -1m;
        SetBalance(baseCurrency, BalanceOf(baseCurrency) + sign * size);
        SetBalance(quoteCurrency, BalanceOf(quoteCurrency) - sign * size * price - fee);
        Execute("INSERT INTO paper_fills (trade_id, order_id, price, size, fee, liquidity, ts) VALUES ($t, $o, $p, $s, $f, $l, $ts)",
            ("$t", orderId + "-1"), ("$o", orderId), ("$p", Text(price)), ("$s", Text(size)), ("$f", Text(fee)),
            ("$l", liquidity == Liquidity.Maker ? "maker" : "taker"), ("$ts", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
        Execute("UPDATE paper_orders SET status = 'FILLED', filled_size = base_size WHERE order_id = $o", ("$o", orderId));
    }

    private VenueOrderState? Read(string orderId)
    {
        using var command = Command("SELECT client_order_id, status, filled_size, reason FROM paper_orders WHERE order_id = $o", ("$o", orderId));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        var status = reader.GetString(1) switch
        {
            "FILLED" => VenueOrderStatus.Filled,
            "CANCELLED" => VenueOrderStatus.Cancelled,
            _ => VenueOrderStatus.Open,
        };
        return new VenueOrderState(orderId, reader.GetString(0), status, Money(reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    private decimal QuoteHeld(string productId) => Held("SELECT base_size, limit_price FROM paper_orders WHERE status = 'OPEN' AND side = 'BUY' AND product_id = $p",
        productId, (size, limit) => size * limit * (1m + _makerFeeRate));

    private decimal BaseHeld(string productId) => Held("SELECT base_size, limit_price FROM paper_orders WHERE status = 'OPEN' AND side = 'SELL' AND product_id = $p",
        productId, (size, _) => size);

    private decimal Held(string sql, string productId, Func<decimal, decimal, decimal> amount)
    {
        using var command = Command(sql, ("$p", productId));
        using var reader = command.ExecuteReader();
        var total = 0m;
        while (reader.Read()) total += amount(Money(reader.GetString(0)), Money(reader.GetString(1)));
        return total;
    }

    private decimal BalanceOf(string currency) =>
        Scalar("SELECT amount FROM paper_balances WHERE currency = $c", ("$c", currency)) is { } text ? Money(text) : 0m;

    private void SetBalance(string currency, decimal amount) =>
        Execute("INSERT INTO paper_balances (currency, amount) VALUES ($c, $a) ON CONFLICT(currency) DO UPDATE SET amount = $a",
            ("$c", currency), ("$a", Text(amount)));

    private static (string Base, string Quote) Currencies(string productId)
    {
        var dash = productId.IndexOf('-');
        return dash > 0 ? (productId[..dash], productId[(dash + 1)..]) : (productId, "USD");
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _db.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _tx;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    private int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    private string? Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar() is { } value and not DBNull ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal Money(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
