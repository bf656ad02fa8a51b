import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { ApiProblem } from '../http/api-problem.js'

/** How the meeting pack is printed: which Chromium, and how long one print may take. */
export interface PdfPrinterOptions {
  chromiumPath: string
  timeoutMs: number
}

/**
 * Prints HTML to PDF with headless Chromium through playwright-core, one print at a time: a
 * second request waits for the first, so a burst of requests never starts a Chromium each. A
 * print that takes longer than `timeoutMs` (waiting included) is refused with a clear error and
 * its browser is closed; a missing Chromium is named in the error.
 */
export class PdfPrinter {
  private queue: Promise<unknown> = Promise.resolve()
  private waiting = 0

  constructor(private readonly options: PdfPrinterOptions) {}

  /** Prints now or after the prints ahead of it; answers 503 when Chromium cannot do it. */
  print(html: string): Promise<Buffer> {
    const { chromiumPath, timeoutMs } = this.options
    if (!existsSync(chromiumPath)) {
      return Promise.reject(
        new ApiProblem(
          'pdfUnavailable',
          `PDF printing needs Chromium at ${chromiumPath} (set TANDEM_CHROMIUM_PATH); the XLSX pack needs nothing`,
        ),
      )
    }
    const deadline = Date.now() + timeoutMs
    this.waiting++
    const job = this.queue.then(() => {
      this.waiting--
      return this.printOne(html, deadline)
    })
    this.queue = job.catch(() => undefined)
    return job
  }

  /** Prints waiting behind the one running. */
  get queued(): number {
    return this.waiting
  }

  private async printOne(html: string, deadline: number): Promise<Buffer> {
    const left = deadline - Date.now()
    if (left <= 0) throw timedOut(this.options.timeoutMs)
    const browser = await chromium.launch({
      executablePath: this.options.chromiumPath,
      headless: true,
      timeout: left,
      args: ['--no-sandbox', '--disable-gpu'],
    })
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      const printing = (async () => {
        const page = await browser.newPage({ javaScriptEnabled: false })
        await page.setContent(html, { waitUntil: 'load' })
        return page.pdf({ format: 'A4', landscape: true, printBackground: true })
      })()
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(timedOut(this.options.timeoutMs)), deadline - Date.now())
      })
      return await Promise.race([printing, limit])
    } finally {
      clearTimeout(timer)
      await browser.close()
    }
  }
}

function timedOut(ms: number): ApiProblem {
  return new ApiProblem(
    'pdfUnavailable',
    `Printing the PDF took longer than ${ms} ms (TANDEM_PDF_TIMEOUT_MS); try again, or take the XLSX pack`,
  )
}
