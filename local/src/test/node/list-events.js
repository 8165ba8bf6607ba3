// Lists events with Twilio's Node helper library pointed at Monitor: its RequestClient with one change, the host.
// Usage: MONITOR_URL=http://127.0.0.1:3000 node list-events.js <AccountSid> <AuthToken> <filters as JSON>
// Prints the Sids it listed, one JSON array, in the order the library yielded them.
const twilio = require('twilio');

class MonitorRequestClient extends twilio.RequestClient {
  request(options) {
    const url = new URL(options.uri);
    return super.request({ ...options, uri: new URL(url.pathname + url.search, process.env.MONITOR_URL).toString() });
  }
}

const [accountSid, authToken, filters] = process.argv.slice(2);
const client = twilio(accountSid, authToken, { httpClient: new MonitorRequestClient() });
client.monitor.v1.events
  .list(JSON.parse(filters))
  .then((events) => console.log(JSON.stringify(events.map((event) => event.sid))))
  .catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
