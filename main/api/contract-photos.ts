/** Photos attached to a ticket (bench detail). */
export interface PhotoDto {
  id: number;
  ticketId: number;
  mime: string;
  sizeBytes: number;
  width: number;
  height: number;
  fileName: string;
  caption: string | null;
  staffName: string;
  createdAt: number;
}

export interface PhotoWithData {
  photo: PhotoDto;
  /** `data:<mime>;base64,...`, ready for an <img>. */
  dataUrl: string;
}
