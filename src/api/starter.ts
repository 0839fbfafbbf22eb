/**
 * The starter contract `pledge init` writes (and `starterContract()` returns). A test checks that it
 * analyses with no diagnostics at all, so it can never rot into an example that fails its own check.
 */
export const STARTER_CONTRACT = `// A starter support contract. Edit the names, hours and targets, then run
//   pledge check support.pledge
// The language reference: grammar/reference.md in the pledge-sla package.

// Who promises what to whom, and for how long.
sla "Example Support Agreement" {
  provider "Your Company"
  customer "Your Customer"
  term 2027-01-01 to 2027-12-31
  fee 1000 USD monthly
}

// When the support desk is open. Times are local to the zone; daylight saving is handled.
calendar business "Office hours" {
  zone "Europe/Berlin"
  hours mon-fri 09:00-17:00
}

calendar always "Around the clock" {
  zone "Europe/Berlin"
  hours mon-sun 00:00-24:00
}

// A clock measures open time between ticket events.
clock response {
  starts filed
  stops first_reply
}

clock resolution {
  starts filed
  pauses awaiting_customer
  resumes customer_replied
  stops resolved
}

// Each priority sets a target per clock, counted on a calendar's open time.
priority P1 "Urgent" {
  means "The service is down for many users"
  response 1h on always
  resolution 8h on always
}

priority P2 "Normal" {
  means "Something is broken, a workaround exists"
  response 4h on business
  resolution 3d on business
}
`;
