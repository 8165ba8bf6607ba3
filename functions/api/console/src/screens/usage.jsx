import { apiPath, readAll } from '../api.js';
import { Empty, ErrorBanner, useLoad } from '../components.jsx';
import { number } from '../util.js';

// The template's default UsageFreeEventsPerMonth: the events of a month that cost nothing.
const FREE_EVENTS = 5000;

export function Usage({ context }) {
  const sid = context.accountSid;
  const records = useLoad(async () => {
    const [thisMonth, lastMonth] = await Promise.all([
      readAll(apiPath`/2010-04-01/Accounts/${sid}/Usage/Records/ThisMonth.json`, 'usage_records'),
      readAll(apiPath`/2010-04-01/Accounts/${sid}/Usage/Records/LastMonth.json`, 'usage_records'),
    ]);
    return { thisMonth: thisMonth.items, lastMonth: lastMonth.items };
  }, [sid]);
  return (
    <section aria-labelledby="screen-title">
      <div class="screen-header"><h1 id="screen-title">Usage</h1></div>
      <p class="lead">What this account (with its subaccounts) recorded, read and holds, and its price. The first {number(FREE_EVENTS)} events each month are free.</p>
      <ErrorBanner error={records.error} />
      {records.data ? (
        <>
          <FreeAllowance records={records.data.thisMonth} />
          <div class="two-columns">
            <Period title="This month" records={records.data.thisMonth} />
            <Period title="Last month" records={records.data.lastMonth} />
          </div>
        </>
      ) : null}
    </section>
  );
}

function FreeAllowance({ records }) {
  const writes = records.find((record) => record.category === 'monitor-writes');
  const used = writes ? Number(writes.usage) : 0;
  const share = Math.min(100, (used / FREE_EVENTS) * 100);
  return (
    <div class="card allowance">
      <h2 class="card-title">Free events this month</h2>
      <p><strong>{number(used)}</strong> of {number(FREE_EVENTS)} free events used{used > FREE_EVENTS ? `; ${number(used - FREE_EVENTS)} billed` : `; ${number(FREE_EVENTS - used)} left`}.</p>
      <meter id="free-meter" min="0" max={FREE_EVENTS} low={FREE_EVENTS * 0.8} high={FREE_EVENTS * 0.95} optimum="0" value={Math.min(used, FREE_EVENTS)} aria-label="Free events used">{share.toFixed(0)}%</meter>
    </div>
  );
}

function Period({ title, records }) {
  const first = records[0];
  return (
    <div class="card">
      <h2 class="card-title">{title} {first ? <small class="muted">{first.start_date} to {first.end_date}</small> : null}</h2>
      {!records.length ? <Empty title="No usage">Nothing was recorded in this period.</Empty> : (
        <div class="table-wrap">
          <table class="data compact" aria-label={`Usage ${title.toLowerCase()}`}>
            <thead><tr><th scope="col">Category</th><th scope="col">Usage</th><th scope="col">Price</th></tr></thead>
            <tbody>
              {records.map((record) => (
                <tr key={record.category} data-category={record.category}>
                  <td><span class="mono">{record.category}</span><br /><small class="muted">{record.description}</small></td>
                  <td class="num">{record.category === 'totalprice' ? '' : `${number(record.usage)} ${record.usage_unit}`}</td>
                  <td class="num">{Number(record.price).toLocaleString(undefined, { style: 'currency', currency: (record.price_unit || 'usd').toUpperCase(), minimumFractionDigits: 2, maximumFractionDigits: 4 })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
