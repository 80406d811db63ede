// Imported dynamically with each lazy page, so that its stylesheet is a chunk of its own, loaded once.
import './mantine-pages.css'
