import { IconStar, IconStarFilled } from '@tabler/icons-react'
import { useId, useState } from 'react'

interface Props {
  value: number
  onChange: (value: number) => void
  /** The accessible name of one choice ("4 stars"). */
  labelOf: (value: number) => string
  labelledBy: string
  invalid?: boolean
}

/**
 * Five stars as what they are, a group of radio buttons: arrow keys move between them, a click on a star picks it,
 * and a screen reader reads "4 stars, 4 of 5".
 */
export function StarRating({ value, onChange, labelOf, labelledBy, invalid }: Props) {
  const name = useId()
  const [hovered, setHovered] = useState(0)
  const shown = hovered || value
  return (
    <div role="radiogroup" aria-labelledby={labelledBy} aria-invalid={invalid || undefined} className="star-rating" onMouseLeave={() => setHovered(0)}>
      {[1, 2, 3, 4, 5].map((star) => (
        <label key={star} className="star-rating-star" data-filled={star <= shown || undefined} onMouseEnter={() => setHovered(star)}>
          <input
            type="radio"
            className="visually-hidden"
            name={name}
            value={star}
            checked={value === star}
            onChange={() => onChange(star)}
            aria-label={labelOf(star)}
          />
          {star <= shown ? <IconStarFilled size={28} aria-hidden /> : <IconStar size={28} aria-hidden />}
        </label>
      ))}
    </div>
  )
}
