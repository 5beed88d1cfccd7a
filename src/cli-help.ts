/** The `podium` command's help texts: the overview and one page per subcommand, with every flag. */

/** `podium --help`. */
export const USAGE = `Usage:
  podium [start]                                   run the bot (console REPL when no tokens are set)
  podium ask "<command line>" [--format text|json|discord|slack] [--image FILE]
                                                   answer one command, e.g. podium ask "/podium 1500m";
                                                   --image also writes the answer's PNG card to FILE
  podium ingest <article.txt> [--published YYYY-MM-DD] [--into DIR]
                                                   draft facts and quotes from a report, as JSON
  podium review <data/drafts/draft.json>           a readable review sheet of a draft
  podium publish <data/drafts/draft.json>          merge a reviewed draft into the data folder
  podium import <results.json>... [--into DIR]     summarise (or write) a championship's results
  podium discord commands                          print the slash-command registration body
  podium discord deploy [--guild ID]               register the slash commands with Discord
  podium slack manifest [--format json|yaml] [--mode socket|http] [--url URL]
                                                   print the Slack app manifest
  podium <command> --help                          the options of one command
  podium --help | --version`;

const PAGES: Record<string, string> = {
  start: `Usage: podium start     (or just: podium, npm start)

Starts every platform whose credentials are set (DISCORD_TOKEN, DISCORD_PUBLIC_KEY, SLACK_BOT_TOKEN),
the store and the scheduler. With none set, opens the console REPL: type commands as in a chat,
Tab completes, ↑ recalls earlier lines, exit or Ctrl-D leaves.
Configuration comes from the environment and from .env in the working directory (see .env.example).`,
  ask: `Usage: podium ask "<command line>" [--format text|json|discord|slack] [--image FILE]

Answers one command and exits, e.g. podium ask "/podium 1500m".

Options:
  -f, --format text|json|discord|slack
        text (default): as the console shows it; json: the neutral reply;
        discord / slack: the exact payload that adapter would send
  -i, --image FILE
        also write the answer's PNG card (podium, results or quote) to FILE
  -h, --help    this help

Exit codes: 0 for every answer ("nothing found" included), 2 for a usage error, 1 for a bad
configuration or data file.`,
  ingest: `Usage: podium ingest <article.txt> [--published YYYY-MM-DD] [--into DIR]

Drafts facts and quotes from a report, printed as JSON for review.

Options:
  --published YYYY-MM-DD   the report's date when its text carries none
  --into DIR               write the draft as DIR/drafts/<slug>.json instead of printing it
  -h, --help               this help`,
  review: `Usage: podium review <data/drafts/draft.json>

Prints a readable review sheet of a draft written by podium ingest --into: each quote with its
speaker, confidence and paragraph; each result (matches the data, to be added, or CONFLICT); what
was linked to known people and events; what was left out and why.

Options:
  -h, --help    this help`,
  publish: `Usage: podium publish <data/drafts/draft.json>

Validates a reviewed (and possibly edited) draft, merges it into the data folder above drafts/,
removes the draft flags and the draft file, and says what it added. A fact that conflicts with the
data (a different mark for a known result) stops it, and nothing is changed.

Options:
  -h, --help    this help`,
  import: `Usage: podium import <results.json>... [--into DIR]

Reads championship results files (Tilastopaja interchange data, either dialect, detected from the
content) and prints a summary: competition, dates, rounds, results, athletes, and what could not
be used and why.

Options:
  --into DIR    write the knowledge base's files to DIR/<competition>/ (deterministic; nothing
                half-written on error)
  -h, --help    this help`,
  discord: `Usage: podium discord commands | podium discord deploy [--guild ID]

  commands          print the slash-command registration body (JSON)
  deploy            register the slash commands with Discord (DISCORD_TOKEN, DISCORD_APPLICATION_ID)
    -g, --guild ID  in one server, at once, instead of globally
  -h, --help        this help`,
  slack: `Usage: podium slack manifest [--format json|yaml] [--mode socket|http] [--url URL]

Prints the Slack app manifest to paste into "Create app from manifest".

Options:
  -f, --format json|yaml   json (default) or yaml
  --mode socket|http       Socket Mode (default) or HTTP request URLs
  --url URL                the bot's public https URL; implies --mode http
                           (commands then point at URL/slack/events)
  -h, --help               this help`,
};

/** The help page of a subcommand, or null for an unknown one. */
export function helpFor(verb: string): string | null {
  return PAGES[verb] ?? null;
}

/** Whether the arguments ask for help (-h/--help before any "--"). */
export function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}
