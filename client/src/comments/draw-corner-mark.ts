/** Draws a thread count in a cell's top-right corner: a small triangle and the number. */
export function drawCornerMark(
  ctx: CanvasRenderingContext2D,
  rect: { x: number; y: number; width: number; height: number },
  count: number,
): void {
  const size = 14
  const right = rect.x + rect.width
  ctx.save()
  ctx.beginPath()
  ctx.moveTo(right - size, rect.y)
  ctx.lineTo(right, rect.y)
  ctx.lineTo(right, rect.y + size)
  ctx.closePath()
  ctx.fillStyle = '#d97706'
  ctx.fill()
  ctx.fillStyle = '#ffffff'
  ctx.font = '600 8px system-ui, sans-serif'
  ctx.textAlign = 'right'
  ctx.textBaseline = 'top'
  ctx.fillText(count > 9 ? '9+' : String(count), right - 1, rect.y + 1)
  ctx.restore()
}
