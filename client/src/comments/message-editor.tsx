import { useEffect, useMemo, useState } from 'react'
import type { KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type * as Y from 'yjs'
import type { BaseRange, Descendant } from 'slate'
import { createEditor } from 'slate'
import { withHistory } from 'slate-history'
import { Editable, Slate, withReact } from 'slate-react'
import { withYjs, YjsEditor } from '@slate-yjs/core'
import { isSafeUrl } from '@tandem/shared'
import type { PlanMember } from '../api/plans-api.js'
import {
  insertLink,
  insertMention,
  toggleList,
  toggleMark,
  withInlines,
} from './editor-commands.js'
import { EditorElement, EditorLeaf } from './editor-nodes.js'
import { mentionQuery } from './mention-query.js'
import { emptyComment } from './rich-text.js'
import { ToolButton } from './tool-button.js'

interface MessageEditorProps {
  members: PlanMember[]
  /** Edit this body in place through @slate-yjs/core; without it, compose a new message. */
  body?: Y.XmlText
  submitLabel: string
  onSubmit: (nodes: Descendant[]) => void
  onCancel?: () => void
}

/** The rich-text editor of a comment: bold, italic, lists, safe links and @mentions. */
export function MessageEditor({
  members,
  body,
  submitLabel,
  onSubmit,
  onCancel,
}: MessageEditorProps) {
  const { t } = useTranslation()
  const editor = useMemo(() => {
    const base = withInlines(withReact(createEditor()))
    return body ? withYjs(base, body) : withHistory(base)
  }, [body])
  useEffect(() => {
    if (!YjsEditor.isYjsEditor(editor)) return
    YjsEditor.connect(editor)
    return () => YjsEditor.disconnect(editor)
  }, [editor])
  const [mention, setMention] = useState<{ query: string; range: BaseRange; index: number }>()
  const [linking, setLinking] = useState<{ url: string; at: BaseRange | null; error: boolean }>()
  const choices = mention
    ? members.filter((m) => m.name.toLowerCase().includes(mention.query.toLowerCase())).slice(0, 6)
    : []

  const choose = (member: PlanMember) => {
    if (!mention) return
    insertMention(editor, mention.range, member)
    setMention(undefined)
  }
  const applyLink = () => {
    if (!linking) return
    const url = linking.url.trim()
    if (!isSafeUrl(url)) return setLinking({ ...linking, error: true })
    insertLink(editor, url, linking.at)
    setLinking(undefined)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.nativeEvent.isComposing) return
    if (mention && choices.length > 0) {
      const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0
      if (step !== 0) {
        event.preventDefault()
        setMention({ ...mention, index: (mention.index + step + choices.length) % choices.length })
        return
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault()
        choose(choices[mention.index] ?? choices[0])
        return
      }
      if (event.key === 'Escape') return setMention(undefined)
    }
    const mod = event.ctrlKey || event.metaKey
    if (mod && event.key === 'Enter') {
      event.preventDefault()
      onSubmit(editor.children)
    } else if (mod && (event.key === 'b' || event.key === 'i')) {
      event.preventDefault()
      toggleMark(editor, event.key === 'b' ? 'bold' : 'italic')
    } else if (event.key === 'Escape' && onCancel) {
      onCancel()
    }
  }

  return (
    <div className="message-editor" data-testid="message-editor">
      <Slate
        editor={editor}
        initialValue={emptyComment()}
        onChange={() => {
          const found = mentionQuery(editor)
          setMention(found ? { ...found, index: 0 } : undefined)
        }}
      >
        <div className="editor-tools" role="toolbar">
          <ToolButton title={t('comments.bold')} onPress={() => toggleMark(editor, 'bold')}>
            <strong>B</strong>
          </ToolButton>
          <ToolButton title={t('comments.italic')} onPress={() => toggleMark(editor, 'italic')}>
            <em>I</em>
          </ToolButton>
          <ToolButton
            title={t('comments.bulleted')}
            onPress={() => toggleList(editor, 'bulleted-list')}
          >
            •
          </ToolButton>
          <ToolButton
            title={t('comments.numbered')}
            onPress={() => toggleList(editor, 'numbered-list')}
          >
            1.
          </ToolButton>
          <ToolButton
            title={t('comments.link')}
            testId="link-button"
            onPress={() => setLinking({ url: '', at: editor.selection, error: false })}
          >
            {t('comments.link')}
          </ToolButton>
        </div>
        {linking && (
          <div className="link-form">
            <input
              data-testid="link-url"
              autoFocus
              placeholder="https://"
              value={linking.url}
              onChange={(e) => setLinking({ ...linking, url: e.target.value, error: false })}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return
                e.preventDefault()
                applyLink()
              }}
            />
            <button type="button" className="button" data-testid="link-apply" onClick={applyLink}>
              {t('comments.addLink')}
            </button>
            {linking.error && (
              <span className="error" data-testid="link-error">
                {t('comments.unsafeLink')}
              </span>
            )}
          </div>
        )}
        <Editable
          className="editable"
          data-testid="comment-editor"
          placeholder={t('comments.placeholder')}
          renderElement={EditorElement}
          renderLeaf={EditorLeaf}
          onKeyDown={onKeyDown}
        />
        {choices.length > 0 && mention && (
          <ul className="mention-choices" role="listbox" data-testid="mention-choices">
            {choices.map((member, i) => (
              <li
                key={member.id}
                role="option"
                aria-selected={i === mention.index}
                onMouseDown={(e) => {
                  e.preventDefault()
                  choose(member)
                }}
              >
                {member.name}
              </li>
            ))}
          </ul>
        )}
      </Slate>
      <div className="editor-actions">
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t('comments.cancel')}
          </button>
        )}
        <button
          type="button"
          className="button primary"
          data-testid="message-submit"
          onClick={() => onSubmit(editor.children)}
        >
          {submitLabel}
        </button>
      </div>
    </div>
  )
}
